"""Explicit registration: every app hands its route declarations, retention sweep and AVG art. 15
export over in its AppConfig.ready(); nothing is found by scanning module names."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps

import openverzuim
from openverzuim.core.routes import REGISTRY_KINDS, project_modules, register_modules
from openverzuim.measures import stagnation
from openverzuim.measures.assessment import assessment_stalls


@pytest.mark.parametrize("kind", REGISTRY_KINDS)
def test_every_app_module_of_a_registry_kind_is_registered(kind):
    on_disk = {path.parent.name for path in Path(openverzuim.__file__).parent.glob(f"*/{kind}.py")}
    registered = dict(project_modules(kind))
    assert set(registered) == on_disk, f"register {kind}.py in the app's AppConfig.ready()"
    for label, module in registered.items():
        assert module.__name__ == f"{apps.get_app_config(label).name}.{kind}"


def test_the_registries_keep_the_order_of_installed_apps():
    order = [config.label for config in apps.get_app_configs()]
    labels = [label for label, _module in project_modules("routes")]
    assert labels == sorted(labels, key=order.index)


def test_an_unknown_registry_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown registry 'forms'"):
        register_modules("core", forms=openverzuim)


def test_every_stagnation_detector_is_registered_once_in_ready():
    assert [stagnation.follow_ups_overdue, assessment_stalls] == stagnation.DETECTORS
