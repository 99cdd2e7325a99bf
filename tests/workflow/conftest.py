from tests.cli.conftest import cli, workdir  # noqa: F401 - the same fixtures for workflow tests
