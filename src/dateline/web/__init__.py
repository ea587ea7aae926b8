"""The web edge: a read-only HTTP API and server-rendered pages over the store."""
