"""The public API of storyline.eval: explicit, lazy, complete."""

from __future__ import annotations

import subprocess
import sys

import pytest

import storyline.eval as api


@pytest.mark.parametrize("name", api.__all__)
def test_every_exported_name_resolves(name):
    assert getattr(api, name) is not None


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        api.nope  # noqa: B018


def test_cli_import_does_not_load_rouge_or_sumy():
    code = "import sys, storyline.cli; print('rouge_score' in sys.modules, 'sumy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
