"""searcher: full-text search for collections of news articles.

The Python API mirrors the command line:

    from pathlib import Path
    from searcher.indexing.build import update_index
    from searcher.extract.pipeline import extract_files
    from searcher.search.searching import search

    update_index(Path("seeds"), Path("index"))
    results = search(Path("index"), "Caspian")
"""

__version__ = "0.1.0"
