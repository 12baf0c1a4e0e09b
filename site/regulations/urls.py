app_name = "regulations"
urlpatterns = []
