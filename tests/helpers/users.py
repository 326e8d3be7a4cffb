"""Staff users in the groups the roles give."""


def staff_in(django_user_model, username, group):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password="a long enough secret", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user
