/** Where the portal shows a post of each kind (the server's public-items.ts answers the same paths). */
export function postPathOf(post: { kind: string; id: string }): string {
  const base = post.kind === 'news' ? '/news' : post.kind === 'guide' ? '/guides' : post.kind === 'policy' ? '/policies' : '/interpretations';
  return `${base}/${post.id}`;
}
