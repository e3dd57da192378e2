/** English strings of the app frame (grouped navigation), the posts list and the calendar's events. */
export const shellEn = {
  groups: {
    plan: 'Plan',
    create: 'Create',
    publish: 'Publish',
    listen: 'Listen',
    measure: 'Measure',
    settings: 'Settings',
  },
  nav: {
    posts: 'All posts',
    listeningQueries: 'Listening queries',
  },
  signingOut: 'Signing out…',
  posts: {
    title: 'Posts',
    intro: 'Every post of the brand, undated drafts included. Newest first.',
    search: 'Search the text',
    state: 'Status',
    channel: 'Channel',
    campaign: 'Campaign',
    author: 'Author',
    undatedOnly: 'Undated only',
    clear: 'Clear filters',
    noDate: 'No date',
    empty: 'No posts match these filters.',
    emptyAll: 'No posts yet. Write the first one in Compose.',
    compose: 'New post',
    more: 'Show more',
    columns: { status: 'Status', post: 'Post', channels: 'Channels', when: 'Date ({{zone}})', author: 'Author' },
    unknownAuthor: 'Former member',
    count: '{{count}} shown',
  },
  calendar: {
    approvedNotScheduled: 'Approved, not scheduled',
    channels: 'Channels: {{names}}',
  },
};
