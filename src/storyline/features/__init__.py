"""The features the rankers and the facts read (TF-IDF, embeddings, graphs, salience), built once per story.

Every module here reads scipy.sparse; it is imported first, here, without the numpy submodules scipy's
own import would load for nothing (:func:`storyline.imports.import_scipy_sparse`).
"""

from storyline.imports import import_scipy_sparse

import_scipy_sparse()
