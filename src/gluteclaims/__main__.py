from gluteclaims.cli import main

main()
