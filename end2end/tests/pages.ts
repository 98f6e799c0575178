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
];
