from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

# login and logout keep their plain names (LOGIN_URL, templates); the rest is namespaced.
account_patterns = [
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("reauthenticate/", views.reauthenticate, name="reauthenticate"),
    path("invite/", views.invite, name="invite"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("audit-log/", views.audit_log, name="audit_log"),
]

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include((account_patterns, "accounts"))),
]
