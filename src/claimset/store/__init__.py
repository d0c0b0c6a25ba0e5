"""Layer 3, data at rest: value objects, strict JSON, the checkout layout, canonical form, writes.

Reads and writes files; knows nothing of the checks that judge them.
"""
