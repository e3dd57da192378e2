/** English texts of first comments (composer field, status on the post page, previews) and link cards sent to networks. */
export const firstCommentEn = {
  label: 'First comment',
  help: 'Published as a reply right after the post, once (links and hashtags often go here).',
  count: '{{count}} / {{max}}',
  tooLong: 'Too long for {{network}}: {{count}} of {{max}} characters.',
  status: {
    pending: 'First comment: waiting for the post',
    retrying: 'First comment: will try again {{when}}',
    publishing: 'First comment: publishing',
    published: 'First comment published',
    failed: 'First comment failed: {{reason}}',
  },
  open: 'Open the comment',
  retry: 'Retry the comment',
  retryHelp: 'Only the comment is sent again; the post is already out.',
  preview: 'First comment',
  cardSent: 'Sent with the link card of {{url}}',
  cardSkipped: 'Sent without a link card: {{reason}}',
};
