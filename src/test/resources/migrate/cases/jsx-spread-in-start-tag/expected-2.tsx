export const Layout = ({ children, ...other }: Props) => (
  <body {...other} class="h-full" hx-ext="ws" ws-connect="/ws">
    {children}
  </body>
);
