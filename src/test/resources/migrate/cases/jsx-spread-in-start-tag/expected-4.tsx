export const Layout = ({ children, ...other }: Props) => (
  <body {...other} class="h-full" hx-ws:connect="/ws">
    {children}
  </body>
);
