"""Events: CAMEO-coded who-did-what-to-whom from parsed sentences."""
