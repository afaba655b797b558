from django.apps import AppConfig


class DynamicsConfig(AppConfig):
    """Dynamic management (动态管理): revisits, annual review, exit, archive and relapse watch."""

    name = "bangfu.dynamics"
    label = "dynamics"
