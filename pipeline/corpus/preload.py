"""Imported once per worker (and by the forkserver): the pipeline and every stage module."""

from __future__ import annotations

from ..parse import _load_stage_modules

_load_stage_modules()
