// Every page the app has, for the tests that visit them all. Each area adds its pages here.
export interface PageUnderTest {
  path: string;
  status: number;
  heading: string | RegExp;
}

export const pages: PageUnderTest[] = [
  { path: "/", status: 200, heading: "Watchdog" },
  { path: "/sign-in", status: 200, heading: "Sign in" },
  { path: "/no/such/page", status: 404, heading: "Page not found" },
  { path: "/join/no-such-link", status: 404, heading: "This link no longer works" },
  { path: "/account", status: 401, heading: "Please sign in" },
  { path: "/inbox", status: 401, heading: "Please sign in" },
  { path: "/account/notifications", status: 401, heading: "Please sign in" },
  { path: "/admin/outbox", status: 401, heading: "Please sign in" },
  { path: "/admin/users", status: 401, heading: "Please sign in" },
  { path: "/admin/audit", status: 401, heading: "Please sign in" },
  { path: "/admin/suppliers", status: 401, heading: "Please sign in" },
  { path: "/admin/settings", status: 401, heading: "Please sign in" },
  { path: "/chases/policy", status: 401, heading: "Please sign in" },
  { path: "/issues", status: 401, heading: "Please sign in" },
  { path: "/meetings", status: 200, heading: "Meetings" },
  { path: "/meetings/new", status: 401, heading: "Please sign in" },
  { path: "/commitments", status: 401, heading: "Please sign in" },
  { path: "/commitments/new", status: 401, heading: "Please sign in" },
  { path: "/commitments/roadmap", status: 401, heading: "Please sign in" },
  { path: "/commitments/scorecard", status: 401, heading: "Please sign in" },
  { path: "/commitments/since", status: 401, heading: "Please sign in" },
  { path: "/releases", status: 401, heading: "Please sign in" },
];

// Pages seen signed in, with the demo account that may see them.
export const signedInPages: (PageUnderTest & { as: string })[] = [
  { path: "/account", status: 200, heading: "Your account", as: "member@example.org" },
  { path: "/inbox", status: 200, heading: "Inbox", as: "supplier@example.org" },
  {
    path: "/account/notifications",
    status: 200,
    heading: "Notifications",
    as: "supplier@example.org",
  },
  { path: "/admin/users", status: 200, heading: "People", as: "admin@example.org" },
  { path: "/admin/audit", status: 200, heading: "Audit log", as: "admin@example.org" },
  { path: "/admin/outbox", status: 200, heading: "Email outbox", as: "admin@example.org" },
  { path: "/admin/suppliers", status: 200, heading: "Suppliers", as: "admin@example.org" },
  { path: "/admin/settings", status: 200, heading: "Settings", as: "admin@example.org" },
  { path: "/chases/policy", status: 200, heading: "Chase policy", as: "chair@example.org" },
  {
    path: "/admin/suppliers/1",
    status: 200,
    heading: "Example Clinical Systems",
    as: "admin@example.org",
  },
  { path: "/issues", status: 200, heading: "Issues", as: "member@example.org" },
  { path: "/meetings", status: 200, heading: "Meetings", as: "member@example.org" },
  { path: "/meetings/new", status: 200, heading: "Schedule a meeting", as: "chair@example.org" },
  // The demo's first meeting and the first action agreed at it.
  { path: "/meetings/1", status: 200, heading: /winter/, as: "member@example.org" },
  { path: "/meetings/1/edit", status: 200, heading: /Edit: .*winter/, as: "chair@example.org" },
  { path: "/meetings/1/print", status: 200, heading: /winter/, as: "member@example.org" },
  { path: "/meetings/6/import", status: 200, heading: "Bring in minutes", as: "chair@example.org" },
  // The demo's corrected item of the summer minutes.
  {
    path: "/meetings/3/items/6/revisions",
    status: 200,
    heading: /Revisions of .The batch letters feature/,
    as: "chair@example.org",
  },
  {
    path: "/actions/1",
    status: 200,
    heading: /Send the committee the timeline of the outage/,
    as: "supplier@example.org",
  },
  { path: "/issues/new", status: 200, heading: "Report an issue", as: "member@example.org" },
  { path: "/commitments", status: 200, heading: "Commitments", as: "supplier@example.org" },
  { path: "/commitments/new", status: 200, heading: "Record a commitment", as: "chair@example.org" },
  { path: "/commitments/4/edit", status: 200, heading: "Change the details of C-4", as: "chair@example.org" },
  { path: "/commitments/4", status: 200, heading: /^C-4 /, as: "supplier@example.org" },
  { path: "/commitments/roadmap", status: 200, heading: "Roadmap by quarter", as: "member@example.org" },
  { path: "/commitments/roadmap", status: 200, heading: "Roadmap by quarter", as: "supplier@example.org" },
  { path: "/commitments/scorecard", status: 200, heading: "Supplier scorecards", as: "chair@example.org" },
  { path: "/commitments/since", status: 200, heading: /^Since the meeting of /, as: "chair@example.org" },
  { path: "/releases", status: 200, heading: "Releases", as: "supplier@example.org" },
  { path: "/releases/1", status: 200, heading: /^Release /, as: "member@example.org" },
  { path: "/commitments/scorecard?supplier=1&by=quarter", status: 200, heading: "Scorecard: Example Clinical Systems", as: "supplier@example.org" },
  {
    path: "/commitments/new?action=1",
    status: 200,
    heading: "Record a commitment",
    as: "chair@example.org",
  },
  {
    path: "/issues/1",
    status: 200,
    heading: /Repeat prescriptions drop the dosage text/,
    as: "member@example.org",
  },
];
