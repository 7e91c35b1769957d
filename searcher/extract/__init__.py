"""Extraction, one file at a time: read it (any encoding, text or HTML), clean away the
site's boilerplate, and find its metadata, entities and quotations. `pipeline` runs the
stages in order; every other module is one stage or the evidence and rules it reads.
Nothing here knows about the index."""

# The largest file read as an article, by default; here, where the command line reads it
# for the option's default without importing the reader.
DEFAULT_MAX_MB = 20
