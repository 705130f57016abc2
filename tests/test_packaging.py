"""Any install finds the models; optional features name the pip extra they need."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
tomllib = pytest.importorskip("tomllib")


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_pipeline_package_and_the_models_are_in_the_wheel_list() -> None:
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pipeline").rglob("__init__.py")}
    assert found <= listed
    assert pyproject()["tool"]["setuptools"]["package-dir"]["xxgk_models"] == "models"
    assert (ROOT / "models" / "__init__.py").is_file()


def test_models_resolve_to_the_checkout_here() -> None:
    from pipeline.classify import MODELS

    assert MODELS == ROOT / "models" and (MODELS / "paragraphs.json").is_file()


def test_default_dependencies_leave_out_the_extras() -> None:
    project = pyproject()["project"]
    default = {dep.split(">")[0].split("[")[0] for dep in project["dependencies"]}
    assert not default & {"scikit-learn", "spacy", "dask", "matplotlib", "jieba", "pandas"}
    extras = project["optional-dependencies"]
    assert {"train", "spacy", "corpus-dask", "notebook", "dev"} <= set(extras)
    assert "xxgk[all]" in extras["dev"]


class Blocked:
    """An import finder that refuses some top-level modules, as in an install without their extra."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch):
    def block(*names: str) -> None:
        for mod in list(sys.modules):
            if mod.split(".")[0] in names:
                monkeypatch.delitem(sys.modules, mod)
        monkeypatch.setattr(sys, "meta_path", [Blocked(names), *sys.meta_path])

    return block


def test_a_missing_extra_is_named_with_its_install_command(without) -> None:
    from pipeline.extras import MissingExtra, require

    without("distributed")
    with pytest.raises(MissingExtra, match=r"pip install 'xxgk\[corpus-dask\]'"):
        require("corpus-dask", "distributed", "the dask engine")


def test_dask_engine_without_the_extra_fails_with_the_extra_named(without) -> None:
    from pipeline.corpus.engines import run_dask
    from pipeline.extras import MissingExtra

    without("dask", "distributed")
    with pytest.raises(MissingExtra, match="corpus-dask"):
        run_dask([("0" * 64, "x.txt")], lambda r: None)


def test_train_without_scikit_learn_exits_2_naming_the_extra(without) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    without("sklearn")
    result = CliRunner().invoke(main, ["train"])
    assert result.exit_code == 2 and "xxgk[train]" in result.output


@pytest.mark.slow
def test_a_built_wheel_carries_the_models_and_finds_them_outside_the_checkout(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import zipfile

    src = tmp_path / "src"  # a copy, so the build leaves nothing in the checkout
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for folder in ("pipeline", "models"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    build = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(tmp_path / "whl")]
    if importlib.util.find_spec("wheel") is not None:  # setuptools can build here: no build environment to fetch
        build.append("--no-build-isolation")
    done = subprocess.run(build, cwd=tmp_path, capture_output=True, text=True)
    if done.returncode and "No matching distribution" in done.stderr:
        pytest.skip("the build requirements (setuptools) cannot be fetched here")
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "whl").glob("xxgk-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        assert {"xxgk_models/paragraphs.json", "xxgk_models/kinds.json", "xxgk_models/categories.json"} <= set(
            zf.namelist()
        )
        zf.extractall(tmp_path / "site")
    probe = "import pipeline.classify as c; print(c.MODELS); print(c.paragraph_model().classes[:1])"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0] == str(tmp_path / "site" / "xxgk_models") and out[1].startswith("[")
