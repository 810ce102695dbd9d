<?php $room = htmlspecialchars($_GET['room']); ?>
<div hx-ext="ws" ws-connect="<?php echo $wsBase; ?>/chat/<?= $room ?>">
  <form ws-send><input name="m"></form>
</div>
