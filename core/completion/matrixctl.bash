# Bash completion for matrixctl: gets candidates from `matrixctl __complete`,
# which it reads from the installed plugins and the config's server names.
_matrixctl() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD-1]}
  if [[ $prev == -c || $prev == --config ]]; then
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return
  fi
  mapfile -t COMPREPLY < <("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
}
complete -F _matrixctl matrixctl
