"""The access request (AVG art. 15) includes what the vault holds about the employee, and only for her."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def test_the_employee_downloads_her_medical_file_with_the_rest(client, eva_user, filled_vault):
    client.force_login(eva_user)
    data = json.loads(client.get(reverse("portal:my_data_json")).content)
    part = json.dumps(data["parts"]["medical"]["data"])
    assert "Hernia nuclei pulposi L5-S1" in part and "mri.pdf" in part
    assert "%PDF-1.4 MRI" not in part  # the file itself comes from the vault page


def test_the_medical_part_is_empty_for_anyone_but_the_employee(client, anna, filled_vault):
    from openverzuim.medical.access_request import collect

    assert collect(anna) == {"consultation_notes": [], "problem_analysis_medical_part": [],
                             "diagnoses": [], "correspondence": []}
