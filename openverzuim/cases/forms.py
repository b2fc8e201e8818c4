"""Forms of the employer's web app. They parse and validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User
from openverzuim.core.forms import DateField, ModelMultipleChoiceField, form_field, formfield

from . import selectors
from .medical_guard import MedicalTextGuardMixin
from .models import Case, Employee, Employment, EventKind, ReintegrationCost, WorkResumption
from .validators import validate_some_hours

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MEDICAL_WARNING = _("Do not record a diagnosis, symptoms or any other medical information.")


class SickReportForm(MedicalTextGuardMixin, forms.ModelForm):
    """Exactly what the privacy regulator allows an employer to register at a sick report."""

    employee = forms.ModelChoiceField(queryset=Employee.objects.none(), label=_("Employee"))
    first_sick_day = DateField(
        label=_("First sick day"),
        widget=DATE,
        help_text=_(
            "The first working day not worked because of illness, or the day work stopped."
        ),
    )

    class Meta:
        formfield_callback = formfield
        model = Case
        fields = [
            "contact_phone",
            "care_address",
            "expected_duration",
            "appointments_and_work",
            "safety_net",
            "work_accident",
            "liable_third_party",
        ]
        widgets = {
            "care_address": forms.Textarea(attrs={"rows": 2}),
            "appointments_and_work": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["employee", "first_sick_day"]
    medical_guard_fields = ("appointments_and_work",)

    def __init__(self, *args, employees, offered=(), **kwargs):
        """`employees`: whom the form accepts (checked by one query on the posted id);
        `offered`: the few the list shows (selectors.employees_offered), never all of them."""
        super().__init__(*args, **kwargs)
        field = form_field(self, "employee", forms.ModelChoiceField)
        field.queryset = employees
        field.widget.choices = [("", field.empty_label or "")] + [
            (employee.pk, field.label_from_instance(employee)) for employee in offered
        ]
        self.fields["appointments_and_work"].help_text = MEDICAL_WARNING

    def report(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def sick_report_form(request: HttpRequest, user: User) -> tuple[SickReportForm, dict]:
    """The sick report's form as the plain page and the first-sick-day wizard show it, and the
    context of its employee search (cases/_employee_search.html): of the employees who are not
    sick now, a bounded few offered and a search for the others."""
    employees = selectors.employees_to_report_sick(user=user)
    search = SearchForm(request.GET)
    term = search.cleaned_data["q"] if search.is_valid() else ""
    chosen = request.POST.get("employee") or request.GET.get("employee")
    offered = selectors.employees_offered(employees, search=term, chosen=chosen)
    form = SickReportForm(
        request.POST if request.method == "POST" else None,
        # Accepted: anyone the user may report; one sick now gets the service's own message
        # ("already reported sick since ..."), not a bare "not a valid choice".
        employees=selectors.employee_list_for(user=user, action="change"),
        offered=offered,
        initial={"employee": request.GET.get("employee"), "first_sick_day": timezone.localdate()},
    )
    full = len(offered) >= selectors.OFFERED_EMPLOYEES
    return form, {
        "searched": term,
        "has_employees": bool(offered) or bool(term) or employees.exists(),
        "no_match": bool(term) and not offered,
        "more": len(offered) if full else 0,
    }


class RecoveryForm(forms.Form):
    recovered_on = DateField(
        label=_("Fully recovered from"),
        widget=DATE,
        help_text=_(
            "The first day the employee can do their own job for all contract hours again. Working "
            "fewer hours, or other work, is not recovery: record partial work instead."
        ),
    )


class WorkResumptionForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = WorkResumption
        fields = ["start", "hours_per_week", "kind"]
        widgets = {"start": DATE}

    def clean_hours_per_week(self):
        # Before the model's check constraint, which would name no field.
        hours = self.cleaned_data["hours_per_week"]
        validate_some_hours(hours)
        return hours


TIMELINE_KINDS = [(k.value, k.label) for k in EventKind if k != EventKind.ASSIGNMENT]


class EventForm(MedicalTextGuardMixin, forms.Form):
    medical_guard_fields = ("note",)
    kind = forms.ChoiceField(label=_("What happened"), choices=TIMELINE_KINDS)
    date = DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MEDICAL_WARNING,
        max_length=2000,
    )
    document_url = forms.URLField(
        label=_("Link to document"), required=False, assume_scheme="https"
    )
    follow_up_on = DateField(
        label=_("Follow up on"),
        required=False,
        widget=DATE,
        help_text=_(
            "For a phone call, meeting or note: the day to follow it up. It comes on your worklist."
        ),
    )


class EventCorrectionForm(MedicalTextGuardMixin, forms.Form):
    medical_guard_fields = ("note",)
    date = DateField(label=_("Correct date"), widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MEDICAL_WARNING,
        max_length=2000,
    )


class WithdrawForm(MedicalTextGuardMixin, forms.Form):
    medical_guard_fields = ("reason",)
    reason = forms.CharField(label=_("Why is this entry withdrawn?"), max_length=300)


class CloseCaseForm(forms.Form):
    closed_on = DateField(label=_("Close the case on"), widget=DATE)


class SearchForm(forms.Form):
    """A name or an employee number: the employees page, and the case list's search below."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class CaseFilterForm(SearchForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("closed", _("Closed")), ("", _("All"))],
    )
    department = forms.ChoiceField(label=_("Department"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Next duty first")), ("name", _("By surname"))],
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "department", forms.ChoiceField).choices = [("", _("All departments"))] + [
            (str(d.pk), d.name) for d in departments
        ]


class EmployeeForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Employee
        fields = [
            "first_name",
            "last_name",
            "employee_number",
            "department",
            "work_email",
            "work_phone",
            "street",
            "postcode",
            "city",
            "date_of_birth",
            "bsn",
        ]
        widgets = {"date_of_birth": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        form_field(
            self, "department", forms.ModelChoiceField
        ).queryset = organisation.departments.all()
        if self.instance.bsn:
            # The BSN is shown masked everywhere but in documents that need it, this page included:
            # the field starts empty, and an empty field keeps the stored number.
            self.initial["bsn"] = ""
            self.fields["bsn"].help_text = _("Stored: %(bsn)s. Leave empty to keep it.") % {
                "bsn": self.instance.masked_bsn
            }

    def clean_bsn(self):
        return self.cleaned_data["bsn"] or self.instance.bsn

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"]
        taken = Employee.objects.filter(organisation=self.organisation, employee_number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another employee already has this number."))
        return number


class EmploymentForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Employment
        fields = [
            "start",
            "end",
            "fixed_term",
            "contract_hours",
            "fulltime_hours",
            "wage",
            "wage_period",
            "sick_pay_year1_percent",
            "sick_pay_year2_percent",
            "waiting_days",
        ]
        widgets = {"start": DATE, "end": DATE}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot lie before the start."))
        return cleaned


class EmployeeLeaveForm(forms.Form):
    """Pregnancy and maternity leave outside any sickness case (services.employee_leave_record)."""

    start = DateField(label=_("First day of leave"), widget=DATE)
    end = DateField(label=_("Last day of leave"), widget=DATE)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day of leave is before its first day."))
        return cleaned


class ReintegrationCostForm(MedicalTextGuardMixin, forms.ModelForm):
    medical_guard_fields = ("description",)

    class Meta:
        formfield_callback = formfield
        model = ReintegrationCost
        fields = ["date", "description", "amount"]
        widgets = {"date": DATE}


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class PeopleChoice(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return str(obj)


class AssignmentForm(forms.Form):
    """Who works on one case; the choices are the people holding each role there (cases.assignment)."""

    case_manager = PersonChoice(
        label=_("Case manager"), queryset=None, required=False, empty_label=_("— nobody —")
    )
    line_managers = PeopleChoice(label=_("Line managers"), queryset=None, required=False)
    consultants = PeopleChoice(label=_("Re-integration consultants"), queryset=None, required=False)
    seen = forms.CharField(widget=forms.HiddenInput, max_length=2000)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, people in choices.items():
            form_field(self, name, forms.ModelChoiceField).queryset = people


class BulkAssignForm(forms.Form):
    """The case list's bulk action: one case manager for the ticked cases, after a confirmation."""

    cases = ModelMultipleChoiceField(
        label=_("Cases"), queryset=None, error_messages={"required": _("Tick at least one case.")}
    )
    case_manager = PersonChoice(label=_("Case manager"), queryset=None, empty_label=_("— choose —"))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20000)

    def __init__(self, *args, cases, people, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "cases", forms.ModelMultipleChoiceField).queryset = cases
        form_field(self, "case_manager", forms.ModelChoiceField).queryset = people

    def clean_seen(self) -> dict[int, int | None]:
        """ "case:manager,case:manager" as the confirmation page showed them."""
        seen: dict[int, int | None] = {}
        for pair in filter(None, self.cleaned_data["seen"].split(",")):
            case, _sep, manager = pair.partition(":")
            if not case.isdigit() or not (manager.isdigit() or manager == ""):
                raise forms.ValidationError(_("The page was changed: open the case list again."))
            seen[int(case)] = int(manager) if manager else None
        return seen


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("What"),
        max_length=200,
        help_text=_(
            'E.g. "Call her back about the adjusted hours". Never medical information: the task is '
            "shown in worklists, e-mail and calendars."
        ),
    )
    due = DateField(label=_("Due date"), widget=DATE)
    assignee = PersonChoice(label=_("Assigned to"), queryset=None, empty_label=None)

    def __init__(self, *args, assignees, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "assignee", forms.ModelChoiceField).queryset = assignees


class TaskActionForm(forms.Form):
    """Complete, cancel or reassign a task; `lock_version` as the page showed it."""

    action = forms.ChoiceField(
        choices=[
            ("done", _("Done")),
            ("cancelled", _("Cancel the task")),
            ("reassign", _("Reassign")),
        ]
    )
    assignee = PersonChoice(label=_("Assigned to"), queryset=None, required=False, empty_label=None)
    due = DateField(label=_("Due date"), widget=DATE, required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, assignees, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "assignee", forms.ModelChoiceField).queryset = assignees

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("action") == "reassign":
            for name in ("assignee", "due"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed to reassign the task."))
        return cleaned
