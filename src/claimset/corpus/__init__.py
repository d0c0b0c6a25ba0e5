"""Layer 5, corpus extraction: every figure in a corpus of documents, on one machine or a cluster.

:func:`claimset.corpus.api.extract_corpus` and ``claimset extract`` find documents
(:mod:`.documents`), hand them in batches to workers (:mod:`.work`) through an engine
(:mod:`.engines`: a local process pool or Dask), and write the rows in document order
(:mod:`.output`, with a journal that lets a killed run resume).  Imports only ``core``,
``grammar`` and ``store``; a sibling of ``release`` and ``contrib``.
"""
