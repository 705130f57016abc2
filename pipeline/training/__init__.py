"""Training and evaluation of the shipped models (needs the ``train`` extra: scikit-learn).

Inference never imports this package: the models ship as plain JSON and are
applied by :mod:`pipeline.classify`.  Here: the training data as pointers
(:mod:`.data`), the candidates and how they are fitted and cross-validated
by agency (:mod:`.fit`), ``xxgk train`` / ``xxgk evaluate`` (:mod:`.build`),
statements scored end to end (:mod:`.statement_eval`), per-label reports
(:mod:`.evaluation`), the spaCy textcat candidate, and labelling helpers.
"""
