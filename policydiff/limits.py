"""Numbers the command line shows before any plan is read (kept here so --help imports nothing heavy)."""

MAX_BYTES = 20 * 1024 * 1024  # the largest input accepted: no plan is this big
MIN_SCORE = 0.11  # compare: below this score a measure has no counterpart (see compare.py for why)
SCHEMA_NAMES = ("document", "targets", "diff", "compare", "related", "dataset")
