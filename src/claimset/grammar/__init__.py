"""Layer 2, the number grammar: words, numbers and quantities in English text, and figures.

Pure functions of a text; imports only ``claimset.core``.  The checker reads values,
qualifiers and coverage with it, and ``extract()`` hands its figures to users.

The modules, in the order a text goes through them (public ones without ``_``):

=========================  ==============================================================
``_lexicon``               the words, as plain data: number words, scales, ordinals,
                           currencies, qualifiers, time units and the context words each
                           probe reads (a new word goes here and nowhere else)
``_iso4217``               ISO 4217 codes and names, generated; do not edit
``_iso4217_generate``      writes ``_iso4217`` from pycountry (run by hand, and by a test)
``_currencies``            the currency words read: ISO 4217 joined with the lexicon's
``_words``                 the word table (each number word's ``Role``), the anchor regex,
                           trie-shaped alternations of word lists
``_values``                the value objects: ``Token``, ``Reading``, ``Number``,
                           ``Quantity`` (frozen attrs), ``Role`` and ``Form`` literals
``_context``               the plain words beside a position, shared by every probe
``_tokens``                reads a run's tokens: digit strings (groups, decimals, exponents,
                           suffixes, glued units) and number words
``_cardinal_numbers``      reads the longest cardinal from a token ("three hundred and six")
``_number_forms``          reads a number of any form on it: fractions, ordinals, shares,
                           multipliers, point decimals, vague counts ("thousands")
``_scan``                  reads every bare number of a text: anchors, runs, signs, the
                           pronoun "one", web addresses skipped
``_quantities``            reads currency, percent and "times" around a number
``_units_lexicon``         the words of units of measure: spellings pint lacks and the
                           context words that decide an ambiguous symbol ("K", "M", "m")
``_units``                 units of measure, their written forms and names; generated from
                           pint's registry, do not edit
``_units_generate``        writes ``_units`` from pint (run by hand, and by a test)
``_measures``              reads the unit of measure after a number ("5 km", "a 3-inch
                           pipe", "2 million barrels a day")
``numbers``                the number grammar's facade: ``find_numbers``, ``find_quantities``
``_unnumbered``            reads the quantities with no number word ("a month", "a dollar")
``_dates``                 reads dates, times of day and colon ratios ("3:1")
``_bounds``                reads two bounds as one range; "over" a duration as a bound
``_candidate``             ``Candidate``, the extractor's one output type
``extract``                figures: kind, unit, qualifier, ranges (``extract``,
                           ``iter_extract``, ``read_figure``)
``limits``                 how many numbers a text may hold for claimset to read it
``sentences``              the one sentence splitter: suggest, coverage, extract's text
                           output and the quote-scope check share it
``_prose``                 words of a sentence with their spans, clauses, quotations
``frames``                 reporting frames ("X argues that", "according to X") and the
                           negations, hedges and qualifiers that govern a figure
``conditionals``           a modal or conditional that governs a figure: counterfactual
                           ("would have done") or open ("if the levees fail")
``references``             words of a quote's first sentence that point before it
``tense``                  what a figure's clause says of when it holds: a present perfect
                           (a stock at the time of writing) or words of time of its own
``facts``                  numbers, years, months and names in prose; what a text states
``reasons``                an excluded number read in its sentence: "one" as pronoun or
                           article, inside a quotation, beside a name
=========================  ==============================================================

The meaning modules (``sentences`` to ``reasons``) read the word lists of
:mod:`claimset.core.meaning`; the checker's meaning checks and the curation assistant
call them, so a rule is written once.
"""
