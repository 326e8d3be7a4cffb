"""The site's PostgreSQL backend, emptied between tests by DELETE rather than TRUNCATE.

A test that needs committed data (a live server, a real worker) ends with its
database flushed. TRUNCATE of the site's 54 tables makes a new file for each
table and index: 0.2 s on an idle machine and 1 to 3 s on a busy one, after
every such test. The few rows a test made are gone faster by DELETE (about
0.02 s), with the foreign keys checked at commit (Django makes them
DEFERRABLE INITIALLY DEFERRED) so that the order of the tables does not
matter. Sequences are left as TRUNCATE leaves them (Django asks for neither
to be reset unless a test says so, and then the statements are the usual).
"""

from core.postgresql import base


class DatabaseOperations(base.DatabaseWrapper.ops_class):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))}"
            for table in tables
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
