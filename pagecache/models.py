"""A bump of the cache generation that could not reach the cache, kept until a process can apply it."""

from django.db import models
from django.utils import timezone


class PendingInvalidation(models.Model):
    """The site changed while the cache was unreachable (see ``pagecache.cache``): the next process that can
    reach the cache bumps the generation and deletes these rows."""

    requested_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "pending page cache invalidation"

    def __str__(self):
        return f"Page cache invalidation requested at {self.requested_at:%Y-%m-%d %H:%M:%S}"
