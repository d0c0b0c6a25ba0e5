"""Layer 5a, releases: bundles and their checksums, the registry, downloads, exports.

Reads checked datasets (``claimset.check``); never imports ``claimset.contrib``.
"""
