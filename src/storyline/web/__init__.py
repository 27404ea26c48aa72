"""The local web app: a FastAPI app built on the public API only (``pip install 'storyline[web]'``).

Import :func:`storyline.web.app.create_app` for the app; this package imports
nothing heavy itself, so ``storyline.web.server`` works without FastAPI.
"""
