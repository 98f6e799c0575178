//! Keyset paging, for every list read a page at a time: rows are read in the list's order
//! after the key of the last row shown (never by offset, which costs every row skipped), and
//! one row more than a page is asked for, which says only whether more follow.

/// One page of a list: its rows, and the key to continue after if more follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub next: Option<i64>,
}

impl<T> Page<T> {
    /// The page of `size` rows in `read`, which was read with `LIMIT size + 1`; `key` is a
    /// row's key to continue after.
    pub fn of_one_more(mut read: Vec<T>, size: i64, key: impl Fn(&T) -> i64) -> Page<T> {
        let size = usize::try_from(size).unwrap_or(0);
        let next = if read.len() > size {
            read.truncate(size);
            read.last().map(key)
        } else {
            None
        };
        Page { rows: read, next }
    }

    /// The same page with each row made into something else.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            rows: self.rows.into_iter().map(f).collect::<Result<_, _>>()?,
            next: self.next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extra_row_says_more_follow_and_is_not_shown() {
        let page = Page::of_one_more(vec![9, 8, 7], 2, |n| *n);
        assert_eq!(
            page,
            Page {
                rows: vec![9, 8],
                next: Some(8)
            }
        );
    }

    #[test]
    fn a_short_read_is_the_last_page() {
        assert_eq!(
            Page::of_one_more(vec![9, 8], 2, |n| *n),
            Page {
                rows: vec![9, 8],
                next: None
            }
        );
        assert_eq!(
            Page::of_one_more(Vec::<i64>::new(), 2, |n| *n),
            Page {
                rows: vec![],
                next: None
            }
        );
    }
}
