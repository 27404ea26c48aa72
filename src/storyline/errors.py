"""The exception tree. Every message names the bad value and, where there is a
choice, the valid ones::

    StorylineError
    ├── InputError               a path or article that cannot be read (CLI exit 1)
    ├── ConfigError              an invalid option (CLI exit 2)
    ├── MissingDependencyError   an optional extra is not installed (CLI exit 1)
    └── ExecutorError            a task of an executor (Ray) failed or its worker died (CLI exit 1)
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error Storyline raises on purpose."""


class InputError(StorylineError):
    """An input path or record cannot be used."""


class ConfigError(StorylineError, ValueError):
    """An option has an invalid value."""


class MissingDependencyError(StorylineError, ImportError):
    """An optional dependency is needed but not installed."""


class ExecutorError(StorylineError):
    """A task on an executor's workers failed, or a worker died; what was committed before it stays."""
