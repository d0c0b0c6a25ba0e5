"""Layer 2, the number grammar: words, numbers and quantities in English text, and figures.

Pure functions of a text; imports only ``claimset.core``.  The checker reads values,
qualifiers and coverage with it, and ``extract()`` hands its figures to users.
"""
