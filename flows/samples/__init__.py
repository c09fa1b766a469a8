"""Sample data the project writes itself, bundled under data/sample/ for `make run` and the tests."""
