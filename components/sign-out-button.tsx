"use client";

/** Ends the session on the server, then shows the sign-in page. */
export function SignOutButton() {
  async function signOut() {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    }).catch(() => {});
    window.location.assign("/login");
  }
  return (
    <button type="button" className="link-button" onClick={signOut}>
      退出登录
    </button>
  );
}
