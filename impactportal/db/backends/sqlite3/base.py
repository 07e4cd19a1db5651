from django.db.backends.sqlite3 import base, creation, operations

from impactportal.db import template


class DatabaseOperations(operations.DatabaseOperations):
    compiler_module = "impactportal.db.backends.sqlite3.compiler"


class DatabaseCreation(creation.DatabaseCreation):
    def _create_test_db(self, verbosity, autoclobber, keepdb=False):
        """The new test database starts as a copy of the migrated template (``db.template``)."""
        name = super()._create_test_db(verbosity, autoclobber, keepdb)
        if template.wanted(self.connection):
            # Kept open: an in-memory database lives as long as a connection to it.
            self._template_copy = template.copy_sqlite(name)
        return name


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
