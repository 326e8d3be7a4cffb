#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balkan.settings")
    from django.core.management import execute_from_command_line

    from balkan.environment import prepare_var_dir

    prepare_var_dir()

    execute_from_command_line(sys.argv)
