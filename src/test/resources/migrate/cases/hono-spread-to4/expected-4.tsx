const Room = (props: Props) => {
  const { reset, ...rest } = props;
  return <div hx-ws:connect="/ws" {...reset}>{rest.children}</div>;
};
