from django.db.backends.postgresql import base, creation, operations

from impactportal.db import template


class DatabaseOperations(operations.DatabaseOperations):
    compiler_module = "impactportal.db.backends.postgresql.compiler"


class DatabaseCreation(creation.DatabaseCreation):
    def _execute_create_test_db(self, cursor, parameters, keepdb=False):
        """The new test database is created from the migrated template (``db.template``)."""
        # Django's own clones (its parallel runner) and a configured TEST["TEMPLATE"] keep theirs.
        if not template.wanted(self.connection) or "TEMPLATE" in parameters.get("suffix", ""):
            return super()._execute_create_test_db(cursor, parameters, keepdb)
        with template.postgresql_lock(cursor):
            name = template.postgresql_template(self.connection, cursor)
            suffix = self._get_database_create_suffix(
                encoding=self.connection.settings_dict["TEST"]["CHARSET"], template=name)
            return super()._execute_create_test_db(cursor, {**parameters, "suffix": suffix}, keepdb)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
