"""The trained models (plain JSON), installed as the package ``xxgk_models``; see README.md here."""
