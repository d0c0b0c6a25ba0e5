"""Layer 5b, contributing: diffs, the version policy, git revisions, re-anchoring, suggestions.

Tools for changing a dataset through pull requests; never imports ``claimset.release``.
"""
