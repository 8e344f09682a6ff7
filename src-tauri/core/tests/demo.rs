//! The demo branch: realistic, valid under every rule, and never written over real data.
mod common;

use common::{full_member, store, today};
use zhibu_core::member::{Category, MemberStatus};
use zhibu_core::roster::{RosterQuery, StatusFilter};
use zhibu_core::{demo, ErrorKind};

#[test]
fn demo_fills_a_branch_of_every_category_with_rare_names() {
    let mut s = store();
    let n = demo::fill(&mut s, today()).expect("demo");
    assert!((20..=30).contains(&n));
    assert!(s.is_demo().expect("flag"));
    let all = s
        .roster(&RosterQuery {
            status: StatusFilter::All,
            ..Default::default()
        })
        .expect("all");
    assert_eq!(all.len(), n);
    for c in Category::ALL {
        assert!(all.iter().any(|m| m.category == c), "{c:?}");
    }
    assert!(all.iter().any(|m| m.status == MemberStatus::Left));
    assert!(all.iter().any(|m| m.name.contains('䶮')) && all.iter().any(|m| m.name.contains('𠇔')));
    let b = s.branch().expect("branch");
    assert!(!b.name.is_empty() && b.committee.len() == 3);
}

#[test]
fn demo_refuses_a_database_that_has_data() {
    let mut s = store();
    s.add_member(
        &full_member("张三", "1985-03-01", 11, "2010-07-01"),
        today(),
    )
    .expect("real");
    assert_eq!(
        demo::fill(&mut s, today()).expect_err("refused").kind,
        ErrorKind::Conflict
    );
    assert_eq!(s.all_members().expect("list").len(), 1);
    assert!(!s.is_demo().expect("flag"));
}
