"""Layer 4, judging a dataset: the schema, the checks, reporters, and ``load()``.

Everything here turns raw files (``claimset.store``) into a ``Report`` or a ``Dataset``.
"""
