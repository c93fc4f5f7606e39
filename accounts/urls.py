from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("me/notifications/", views.portal_notifications, name="portal"),
    path("merchant/notifications/", views.console_notifications, name="console"),
]
