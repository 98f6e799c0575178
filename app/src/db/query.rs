//! Statements whose conditions depend on the request (a list's filters): `ListQuery` collects
//! each condition with its values and numbers their placeholders, so any mix of filters is
//! one statement with every value bound, never written into the text.
//!
//! sqlx's own `QueryBuilder` cannot serve here: with `sqlx::Any` it writes `?` placeholders,
//! which PostgreSQL does not accept, and binding through it needs `Encode` for `Any` per value
//! type; the `$N` placeholders below work on both backends.

use sqlx::Any;

/// A statement's conditions and the values bound to them, in placeholder order.
#[derive(Default, Clone)]
pub struct ListQuery {
    conditions: Vec<String>,
    values: Vec<Value>,
}

#[derive(Clone)]
enum Value {
    Int(i64),
    Text(String),
}

impl ListQuery {
    pub fn condition(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    pub fn int(&mut self, value: i64) -> String {
        self.values.push(Value::Int(value));
        format!("${}", self.values.len())
    }

    pub fn text(&mut self, value: &str) -> String {
        self.values.push(Value::Text(value.to_owned()));
        format!("${}", self.values.len())
    }

    pub fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }

    pub fn bind_all<'q, Q: Bindable<'q>>(&'q self, mut query: Q) -> Q {
        for value in &self.values {
            query = match value {
                Value::Int(int) => query.bind_int(*int),
                Value::Text(text) => query.bind_text(text),
            };
        }
        query
    }
}

/// The kinds of sqlx query a `ListQuery` binds its values to.
pub trait Bindable<'q> {
    fn bind_int(self, value: i64) -> Self;
    fn bind_text(self, value: &'q str) -> Self;
}

impl<'q> Bindable<'q> for sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    fn bind_int(self, value: i64) -> Self {
        self.bind(value)
    }
    fn bind_text(self, value: &'q str) -> Self {
        self.bind(value)
    }
}

impl<'q, O> Bindable<'q> for sqlx::query::QueryScalar<'q, Any, O, sqlx::any::AnyArguments<'q>> {
    fn bind_int(self, value: i64) -> Self {
        self.bind(value)
    }
    fn bind_text(self, value: &'q str) -> Self {
        self.bind(value)
    }
}

impl<'q, O> Bindable<'q> for sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>> {
    fn bind_int(self, value: i64) -> Self {
        self.bind(value)
    }
    fn bind_text(self, value: &'q str) -> Self {
        self.bind(value)
    }
}

/// `text` for a `LIKE … ESCAPE '\'` pattern: its own `%`, `_` and `\` match only themselves.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
