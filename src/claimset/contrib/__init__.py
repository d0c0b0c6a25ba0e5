"""Layer 5b, contributing: adding and re-anchoring sources, coverage gaps, diffs and their
renderers, the version policy, git revisions, suggestions.

Tools for changing a dataset through pull requests; never imports ``claimset.release``.
"""
