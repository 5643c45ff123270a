// Signs out through next-auth's client, loaded on the click: every page carries the sign-out
// control, but only the person leaving needs next-auth's client code (~57 KB).
export async function signOut(options: { callbackUrl: string }): Promise<void> {
  const { signOut: nextAuthSignOut } = await import("next-auth/react");
  await nextAuthSignOut(options);
}
