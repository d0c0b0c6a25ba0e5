"""Layer 1, the foundation: problem codes, error types, vocabularies, versions, resources.

Nothing here reads a dataset or imports another claimset layer.
"""
